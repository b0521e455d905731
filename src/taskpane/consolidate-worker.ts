/**
 * The consolidation's work off the pane's main thread: reading and scoring the added plan files
 * one by one (each reported as it is done, so the pane counts and can stop between files), and in
 * a browser writing the overview workbook. It speaks only in messages; the pane terminates it to
 * cancel.
 */
import { pack } from '../i18n';
import type { FileProblem } from '../pipeline';
import { plainResult, type Submission } from '../engine';
import { consolidationLayout, scoreSources, workbookBytes } from '../xlsx';

/** What the pane asks. */
export type WorkerRequest =
  | { kind: 'read'; files: File[]; lang: string; partialCredit: number }
  | { kind: 'overview'; submissions: Submission[]; problems: FileProblem[]; lang: string };

/** What the worker answers: progress and each file as it is read, the overview, or a failure. */
export type WorkerReply =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'file'; name: string; submissions: Submission[]; problems: FileProblem[] }
  | { kind: 'read' }
  | { kind: 'overview'; bytes: Uint8Array; count: number; average: number | null; problems: FileProblem[] }
  | { kind: 'failed'; message: string };

const reply = (message: WorkerReply, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

async function read(request: Extract<WorkerRequest, { kind: 'read' }>): Promise<void> {
  const lang = pack(request.lang);
  for (const [i, file] of request.files.entries()) {
    reply({ kind: 'progress', done: i, total: request.files.length });
    const source = { name: file.name, size: file.size, modified: file.lastModified, bytes: async () => new Uint8Array(await file.arrayBuffer()) };
    const run = await scoreSources([source], lang, { output: false, defaultPartialCredit: request.partialCredit });
    // Plain rows: a message copies an object's own fields, and a result's are read from its columns.
    const submissions = run.scored.flatMap((s) => s.results.map((result) => ({ file: file.name, result: plainResult(result), modified: s.modified })));
    reply({ kind: 'file', name: file.name, submissions, problems: run.problems });
  }
  reply({ kind: 'progress', done: request.files.length, total: request.files.length });
  reply({ kind: 'read' });
}

function overview(request: Extract<WorkerRequest, { kind: 'overview' }>): void {
  const { overview, problems, layout } = consolidationLayout(request.submissions, request.problems, pack(request.lang));
  const bytes = workbookBytes(layout);
  reply({ kind: 'overview', bytes, count: overview.rows.length, average: overview.average, problems }, [bytes.buffer as ArrayBuffer]);
}

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  try {
    if (e.data.kind === 'read') await read(e.data);
    else overview(e.data);
  } catch (error) {
    // Reading never throws for a bad file (it becomes a problem); this is the worker itself failing.
    reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
