// The Electron side of the services' interfaces: native dialogs (the only way the desktop
// app picks a file: the renderer cannot name one), and safeStorage as the key sealer.

import { dialog, safeStorage, type BrowserWindow } from 'electron';
import { HandlerError, type Dialogs } from './services/handlers.js';
import type { Sealer } from './services/keys.js';

/** A path typed by the renderer: the loopback host takes one, the desktop app never does. */
function refuseTyped(typed: string | null): void {
  if (typed !== null) throw new HandlerError('forbidden', '桌面版只能通过系统对话框选择文件');
}

export function nativeDialogs(window: () => BrowserWindow | null): Dialogs {
  const open = async (o: Electron.OpenDialogOptions): Promise<string | null> => {
    const win = window();
    const r = win ? await dialog.showOpenDialog(win, o) : await dialog.showOpenDialog(o);
    return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
  };
  return {
    async chooseBundle({ kind, typed }) {
      refuseTyped(typed);
      return kind === 'folder'
        ? open({ title: '选择证据包文件夹', properties: ['openDirectory', 'dontAddToRecent'] })
        : open({ title: '选择证据包 ZIP', properties: ['openFile', 'dontAddToRecent'], filters: [{ name: '证据包 (ZIP)', extensions: ['zip'] }] });
    },
    async chooseReport({ typed }) {
      refuseTyped(typed);
      return open({ title: '选择要核验的报告', properties: ['openFile'], filters: [{ name: 'PDF 报告', extensions: ['pdf'] }] });
    },
    async chooseKeyFile({ typed }) {
      refuseTyped(typed);
      return open({ title: '选择签名密钥（PKCS#12）', properties: ['openFile', 'dontAddToRecent'], filters: [{ name: 'PKCS#12', extensions: ['p12', 'pfx'] }] });
    },
    async chooseTrustFile({ typed, purpose }) {
      refuseTyped(typed);
      return purpose === 'crl'
        ? open({ title: '选择吊销列表（CRL）', properties: ['openFile'], filters: [{ name: 'CRL', extensions: ['crl', 'pem', 'der'] }] })
        : open({ title: '选择要信任的证书', properties: ['openFile'], filters: [{ name: '证书或 PKCS#12', extensions: ['pem', 'crt', 'cer', 'der', 'p12', 'pfx'] }] });
    },
    async chooseSavePath({ suggestedName, filter }) {
      const win = window();
      const o: Electron.SaveDialogOptions = { title: '保存', defaultPath: suggestedName, filters: [filter], properties: ['showOverwriteConfirmation'] };
      const r = win ? await dialog.showSaveDialog(win, o) : await dialog.showSaveDialog(o);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async confirmSign(c) {
      const win = window();
      const o: Electron.MessageBoxOptions = {
        type: 'question',
        title: '确认签名',
        message: `即将以您的密钥对报告 ${c.reportId} 签名`,
        detail: [
          `文件：${c.fileName}`,
          `SHA-256：${c.sha256}`,
          `签名人：${c.signer}`,
          `证书指纹（SHA-256）：${c.fingerprintSha256}`,
          '',
          '签名后报告内容不可再更改。请核对以上信息后确认。',
        ].join('\n'),
        buttons: ['签名', '取消'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      };
      const r = win ? await dialog.showMessageBox(win, o) : await dialog.showMessageBox(o);
      return r.response === 0;
    },
  };
}

/**
 * safeStorage seals with the OS key store. On Linux without a keyring it falls back to
 * a fixed password ('basic_text'), which protects nothing: then nothing is written.
 */
export function safeStorageSealer(platform: NodeJS.Platform): Sealer {
  return {
    available() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
    },
    seal(plain) {
      return new Uint8Array(safeStorage.encryptString(Buffer.from(plain).toString('base64')));
    },
    open(sealed) {
      return new Uint8Array(Buffer.from(safeStorage.decryptString(Buffer.from(sealed)), 'base64'));
    },
  };
}

export async function showAbout(win: BrowserWindow | null, version: string): Promise<void> {
  const o: Electron.MessageBoxOptions = {
    type: 'info',
    title: '关于合规审查台',
    message: `合规审查台 ${version}`,
    detail: '公共数据资源授权运营合规审查工具（锦政规〔2025〕4号）。\n离线运行：不联网、不自动更新、不发送遥测或崩溃报告。',
    buttons: ['确定'],
    noLink: true,
  };
  if (win) await dialog.showMessageBox(win, o);
  else await dialog.showMessageBox(o);
}
