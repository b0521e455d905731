/**
 * The pane's side of the consolidation worker: one worker, started when first needed, asked one
 * thing at a time. Cancelling terminates it at once, wherever it is (a large file is not read to
 * its end first); the next request starts a fresh one.
 */
import type { Submission } from '../engine';
import type { FileProblem } from '../pipeline';
import type { WorkerReply, WorkerRequest } from './consolidate-worker';

/** The run was cancelled by the user. */
export class Cancelled extends Error {}

export interface ReadFile {
  name: string;
  submissions: Submission[];
  problems: FileProblem[];
}

export interface Overview {
  bytes: Uint8Array;
  count: number;
  average: number | null;
  problems: FileProblem[];
}

export interface ConsolidationWorker {
  /** Reads the files in turn, telling `onFile` of each as it is done. */
  read(files: File[], lang: string, partialCredit: number, onProgress: (done: number, total: number) => void, onFile: (file: ReadFile) => void): Promise<void>;
  overview(submissions: Submission[], problems: FileProblem[], lang: string): Promise<Overview>;
  /** Stops what runs; true when something did. */
  cancel(): boolean;
}

export function consolidationWorker(): ConsolidationWorker {
  let worker: Worker | null = null;
  let stop: ((e: Error) => void) | null = null;
  // Replies already on their way are dropped with the worker, so a cancelled run adds nothing more.
  const end = () => {
    if (worker) worker.onmessage = null;
    worker?.terminate();
    worker = null;
  };

  /** Sends one request; `handle` sees each reply and says when the request is answered. */
  function ask<T>(request: WorkerRequest, handle: (reply: WorkerReply) => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      worker ??= new Worker(/* webpackChunkName: "consolidate-worker" */ new URL('./consolidate-worker.ts', import.meta.url), { name: 'consolidate' });
      stop = reject;
      worker.onmessage = (e: MessageEvent<WorkerReply>) => {
        const reply = e.data;
        if (reply.kind === 'failed') return finish(() => reject(new Error(reply.message)));
        const answer = handle(reply);
        if (answer !== undefined) finish(() => resolve(answer));
      };
      worker.onerror = (e) => {
        e.preventDefault();
        end();
        finish(() => reject(new Error(e.message)));
      };
      worker.postMessage(request);
    });
  }
  const finish = (settle: () => void) => {
    stop = null;
    settle();
  };

  return {
    read: (files, lang, partialCredit, onProgress, onFile) =>
      ask<true>({ kind: 'read', files, lang, partialCredit }, (reply) => {
        if (reply.kind === 'progress') onProgress(reply.done, reply.total);
        if (reply.kind === 'file') onFile(reply);
        return reply.kind === 'read' ? true : undefined;
      }).then(() => undefined),
    overview: (submissions, problems, lang) => ask<Overview>({ kind: 'overview', submissions, problems, lang }, (reply) => (reply.kind === 'overview' ? reply : undefined)),
    cancel() {
      if (!stop) return false;
      end();
      const reject = stop;
      stop = null;
      reject(new Cancelled());
      return true;
    },
  };
}
