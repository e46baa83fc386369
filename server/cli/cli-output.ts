/** Where a command-line tool writes: results on `out`, progress and errors on `err`. */
export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The process's own stdout and stderr. */
export const stdio: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};
