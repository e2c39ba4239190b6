// The application menu, in Chinese. Commands that change what the page shows are sent to
// the renderer as menu:command events (it owns the UI state); nothing here opens a link.

import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc/contract.js';

export interface MenuActions {
  command(c: MenuCommand): void;
  about(): void;
}

export function menuTemplate(o: { platform: NodeJS.Platform; devTools: boolean; actions: MenuActions }): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const cmd = (c: MenuCommand) => () => o.actions.command(c);
  const view: MenuItemConstructorOptions[] = [
    { label: '实际大小', role: 'resetZoom' },
    { label: '放大', role: 'zoomIn' },
    { label: '缩小', role: 'zoomOut' },
    { type: 'separator' },
    { label: '全屏', role: 'togglefullscreen' },
  ];
  if (o.devTools) view.push({ type: 'separator' }, { label: '重新加载', role: 'reload' }, { label: '开发者工具', role: 'toggleDevTools' });
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '打开证据包文件夹…', accelerator: 'CmdOrCtrl+O', click: cmd('open-folder') },
        { label: '打开证据包 ZIP…', accelerator: 'CmdOrCtrl+Shift+O', click: cmd('open-zip') },
        { type: 'separator' },
        { label: '核验报告签名…', click: cmd('verify-report') },
        { label: '设置…', accelerator: 'CmdOrCtrl+,', click: cmd('settings') },
        { type: 'separator' },
        mac ? { label: '关闭窗口', role: 'close' } : { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图', submenu: view },
    {
      label: '窗口',
      submenu: [
        { label: '最小化', role: 'minimize' },
        { label: '关闭', role: 'close' },
      ],
    },
    { label: '帮助', submenu: [{ label: '关于合规审查台', click: () => o.actions.about() }] },
  ];
  if (mac) {
    template.unshift({
      label: '合规审查台',
      submenu: [
        { label: '关于合规审查台', click: () => o.actions.about() },
        { type: 'separator' },
        { label: '隐藏合规审查台', role: 'hide' },
        { label: '隐藏其他', role: 'hideOthers' },
        { label: '全部显示', role: 'unhide' },
        { type: 'separator' },
        { label: '退出合规审查台', role: 'quit' },
      ],
    });
  }
  return template;
}
