// Running one of the bench's Python scripts (the scikit-learn peers): a JSON job on stdin, JSON on stdout.
// Shared so that both peers find the interpreter, tell "not installed" from "failed" and time out alike.
import { execFile } from 'node:child_process';

/** The scripts' exit code when numpy or scikit-learn cannot be imported. */
const EXIT_NOT_INSTALLED = 3;

export type PythonRun =
  | { kind: 'ok'; stdout: string }
  | { kind: 'missing' }
  | { kind: 'failed'; reason: string };

/**
 * Runs `script` with `interpreter`, `input` on stdin. 'missing' when the interpreter does not exist or lacks
 * numpy/scikit-learn (the caller tries the next), 'failed' with the last line of stderr otherwise.
 */
export function runPython(
  interpreter: string,
  script: string,
  input: string,
  timeoutMs: number,
): Promise<PythonRun> {
  return new Promise((resolve) => {
    const child = execFile(
      interpreter,
      [script],
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ kind: 'ok', stdout });
        if ('code' in error && (error.code === 'ENOENT' || error.code === EXIT_NOT_INSTALLED)) {
          return resolve({ kind: 'missing' });
        }
        const why = error.killed
          ? `timed out after ${timeoutMs / 1000} s`
          : stderr.trim().split('\n').at(-1) || error.message;
        resolve({ kind: 'failed', reason: `${interpreter} ${script} failed: ${why}` });
      },
    );
    // An interpreter that is missing closes stdin at once; ignore the resulting EPIPE.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}
