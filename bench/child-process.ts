/**
 * Runs a suite's own file as a child process (`node --import tsx FILE --child ARGS…`), so that its
 * peak RSS and CPU time are the measured work's alone, and returns the JSON object the child
 * printed last on stdout.
 */
import { spawn } from 'node:child_process';

export function runSuiteChild<T>(file: string, args: string[], what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, '--child', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, FOLIO_USER: 'bench', FOLIO_POLICY_FILE: '/nonexistent/folio-policy.json' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${what} bench child exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as T);
      } catch (err) {
        reject(err as Error);
      }
    });
  });
}
