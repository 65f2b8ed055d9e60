/**
 * Run by encryptInPlace.test.ts in a child process: encrypts the database argv[2] with the
 * key argv[3] (hex), and at the step named argv[4] prints "paused <step>" and waits, so the
 * test can kill -9 it exactly there. Prints "done <outcome>" when it was not stopped.
 */
import { encryptInPlace, type ConversionStep } from '../../../electron/store/encryptInPlace';

const [file, keyHex, pauseAt] = process.argv.slice(2) as [string, string, ConversionStep | undefined];
const outcome = encryptInPlace(file, Buffer.from(keyHex, 'hex'), {
  onStep: (step) => {
    if (step !== pauseAt) return;
    process.stdout.write(`paused ${step}\n`);
    // Blocks this thread for good (the test kills the process); a timer would let the conversion go on.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  },
});
process.stdout.write(`done ${outcome}\n`);
