/** Entry of the `folio` bin. */
import { run } from './program';

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`folio: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
