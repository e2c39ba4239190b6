/**
 * Heap limit of each log worker, MB: a worker past it dies alone (its file becomes an input
 * issue), not the whole review; it keeps the review of a gigabyte of logs under 400 MB.
 * Its own module so the command line's help can name it without loading the engine.
 */
export const DEFAULT_WORKER_HEAP_MB = 160;
