// The built report, page by page, before it is signed: the very PDF main will sign, drawn
// by pdf.js (its worker a file of the app, no eval) at the width of the panel. PageUp /
// PageDown and the arrow keys turn pages; Home and End go to the first and last.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useT } from '../i18n/useT.js';

async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await import('pdfjs-dist');
  if (!pdfjs.GlobalWorkerOptions.workerSrc) {
    pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url).href;
  }
  // pdf.js takes the buffer over: give it a copy, the store keeps the original.
  return pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, enableXfa: false }).promise;
}

export function ReportPages({ pdf }: { pdf: Uint8Array }) {
  const t = useT();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [drawing, setDrawing] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let gone = false;
    let opened: PDFDocumentProxy | null = null;
    setDoc(null);
    setPage(1);
    openPdf(pdf).then((d) => {
      opened = d;
      if (gone) void d.destroy();
      else setDoc(d);
    }, (e: unknown) => { if (!gone) setError((e as Error).message); });
    return () => {
      gone = true;
      if (opened) void opened.destroy();
    };
  }, [pdf]);

  useEffect(() => {
    if (!doc || !canvas.current || !frame.current) return;
    let cancelled = false;
    setDrawing(true);
    const target = canvas.current;
    const width = frame.current.clientWidth;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    void doc.getPage(page).then((p) => {
      if (cancelled) return;
      const base = p.getViewport({ scale: 1 });
      const scale = width / base.width;
      const ratio = window.devicePixelRatio || 1;
      const viewport = p.getViewport({ scale: scale * ratio });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      target.style.width = `${Math.floor(viewport.width / ratio)}px`;
      target.style.height = `${Math.floor(viewport.height / ratio)}px`;
      task = p.render({ canvas: target, viewport });
      return task.promise.then(() => { if (!cancelled) setDrawing(false); });
    }).catch((e: unknown) => {
      if (!cancelled && (e as Error).name !== 'RenderingCancelledException') setError((e as Error).message);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page]);

  const pages = doc?.numPages ?? 0;
  const go = (n: number) => setPage(Math.min(Math.max(1, n), Math.max(1, pages)));
  const onKey = (e: KeyboardEvent) => {
    const to = { PageDown: page + 1, ArrowRight: page + 1, ArrowDown: page + 1, PageUp: page - 1, ArrowLeft: page - 1, ArrowUp: page - 1, Home: 1, End: pages }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    go(to);
  };

  if (error) return <p role="alert" className="error">{t('report.pages.error', { message: error })}</p>;
  return (
    <div className="report-pages" data-testid="report-pages" data-pages={pages} data-page={page} data-drawn={!drawing && doc ? 'true' : 'false'}>
      <div className="inline">
        <button type="button" onClick={() => go(page - 1)} disabled={page <= 1} data-testid="page-prev">{t('report.pages.prev')}</button>
        <span aria-live="polite" data-testid="page-label">
          {doc ? t('report.pages.of', { n: page, total: pages }) : t('report.pages.opening')}
          {doc && drawing ? ` · ${t('report.pages.drawing')}` : ''}
        </span>
        <button type="button" onClick={() => go(page + 1)} disabled={!doc || page >= pages} data-testid="page-next">{t('report.pages.next')}</button>
      </div>
      {doc && drawing && <progress aria-label={t('report.pages.drawing')} />}
      <div
        ref={frame}
        className="page-frame"
        tabIndex={0}
        role="group"
        aria-roledescription={t('report.pages.role')}
        aria-label={doc ? t('report.pages.of', { n: page, total: pages }) : t('report.pages.opening')}
        onKeyDown={onKey}
        data-testid="page-frame"
      >
        <canvas ref={canvas} data-testid="page-canvas" />
      </div>
    </div>
  );
}
