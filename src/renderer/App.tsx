// A minimal review page on top of the bridge: choose a bundle (a native dialog in the
// desktop app, a typed path in the loopback host), run, watch progress, see each rule's
// status. The full UI builds on the same bridge.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Findings } from '../shared/engine/assess.js';
import type { BundleKind, ReviewProgress } from '../shared/ipc/contract.js';
import { CONCLUSION_ZH, STATUS_ZH } from '../shared/report/labels.js';
import { BridgeError, unwrap, type Bridge } from './bridge.js';

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; runId: string; progress: ReviewProgress | null }
  | { kind: 'done'; findings: Findings; bundlePath: string }
  | { kind: 'failed'; message: string };

const PHASE_ZH: Record<ReviewProgress['phase'], string> = {
  records: '读取记录文件',
  logs: '扫描日志',
  verdicts: '判定规则',
  done: '完成',
};

function newRunId(): string {
  return crypto.randomUUID();
}

export function App({ bridge }: { bridge: Bridge }) {
  const [path, setPath] = useState('');
  const [state, setState] = useState<RunState>({ kind: 'idle' });
  const runIdRef = useRef<string | null>(null);

  useEffect(
    () =>
      bridge.api.onProgress((p) => {
        if (p.runId !== runIdRef.current) return;
        setState((s) => (s.kind === 'running' && s.runId === p.runId ? { ...s, progress: p } : s));
      }),
    [bridge],
  );

  const run = useCallback(
    async (kind: BundleKind) => {
      const runId = newRunId();
      runIdRef.current = runId;
      setState({ kind: 'running', runId, progress: null });
      try {
        const typed = bridge.transport === 'loopback' ? path.trim() : undefined;
        const res = await unwrap(bridge.api.openBundle({ runId, kind, ...(typed ? { path: typed } : {}) }));
        if (res.outcome === 'reviewed') setState({ kind: 'done', findings: res.findings, bundlePath: res.bundlePath });
        else if (res.outcome === 'cancelled') setState({ kind: 'failed', message: '审查已取消' });
        else setState({ kind: 'idle' });
      } catch (e) {
        setState({ kind: 'failed', message: e instanceof BridgeError ? e.message : `出错：${(e as Error).message}` });
      } finally {
        if (runIdRef.current === runId) runIdRef.current = null;
      }
    },
    [bridge, path],
  );

  useEffect(
    () =>
      bridge.api.onMenuCommand(({ command }) => {
        if (command === 'open-folder') void run('folder');
        else if (command === 'open-zip') void run('zip');
      }),
    [bridge, run],
  );

  const cancel = () => {
    if (state.kind === 'running') void bridge.api.cancelReview({ runId: state.runId });
  };

  const running = state.kind === 'running';
  const p = running ? state.progress : null;

  return (
    <main className="app">
      <header>
        <h1>合规审查台</h1>
        <span className="transport">{bridge.transport === 'electron' ? '桌面版' : '本机调试服务'}</span>
      </header>

      <section className="open">
        {bridge.transport === 'loopback' ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(/\.zip$/i.test(path.trim()) ? 'zip' : 'folder');
            }}
          >
            <label htmlFor="bundle-path">证据包路径</label>
            <input
              id="bundle-path"
              data-testid="bundle-path"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              placeholder="/path/to/bundle 或 bundle.zip"
              spellCheck={false}
              disabled={running}
            />
            <button type="submit" data-testid="run" disabled={running || path.trim() === ''}>开始审查</button>
          </form>
        ) : (
          <div className="buttons">
            <button type="button" data-testid="open-folder" onClick={() => void run('folder')} disabled={running}>打开证据包文件夹…</button>
            <button type="button" data-testid="open-zip" onClick={() => void run('zip')} disabled={running}>打开证据包 ZIP…</button>
          </div>
        )}
        {running && <button type="button" data-testid="cancel" onClick={cancel}>取消</button>}
      </section>

      <section className="progress" aria-live="polite">
        <progress
          data-testid="progress"
          data-phase={state.kind === 'done' ? 'done' : p?.phase ?? (running ? 'starting' : 'idle')}
          max={p && p.bytesTotal > 0 ? p.bytesTotal : 1}
          value={state.kind === 'done' ? 1 : p && p.bytesTotal > 0 ? p.bytesDone : running ? undefined : 0}
        />
        <span data-testid="progress-text">
          {state.kind === 'done' ? '完成' : p ? `${PHASE_ZH[p.phase]}：${p.events.toLocaleString('zh-CN')} 条事件` : running ? '准备中…' : ''}
        </span>
      </section>

      {state.kind === 'failed' && <p role="alert" data-testid="error">{state.message}</p>}

      {state.kind === 'done' && (
        <section className="results">
          <p data-testid="summary">
            {state.findings.bundle.operatorName ?? state.findings.bundle.source}：结论 {CONCLUSION_ZH[state.findings.summary.conclusion]}
            （符合 {state.findings.summary.pass}，不符合 {state.findings.summary.fail}，待人工复核 {state.findings.summary.needs_review}，
            证据不足 {state.findings.summary.insufficient_evidence}，不适用 {state.findings.summary.not_applicable}）
          </p>
          <table data-testid="results">
            <thead>
              <tr>
                <th scope="col">规则</th>
                <th scope="col">名称</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {state.findings.results.map((r) => (
                <tr key={r.ruleId} data-rule={r.ruleId} data-status={r.status}>
                  <td className="rule-id">{r.ruleId}</td>
                  <td>{r.title}</td>
                  <td className={`status status-${r.status}`}>{STATUS_ZH[r.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
