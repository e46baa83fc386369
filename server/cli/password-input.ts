import { AppError, ErrorCode } from '../../core/errors.js';
import { passwordProblem } from '../../core/auth/password-policy.js';

/** Environment variable a script may set to give a new password without a prompt. */
export const NEW_PASSWORD_ENV = 'VETDESK_NEW_PASSWORD';

/** Reads one line from a TTY without echoing it. */
function promptHidden(question: string): Promise<string> {
  const { stdin, stdout } = process;
  stdout.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          stdout.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          stdin.setRawMode(false);
          reject(new AppError(ErrorCode.ConfigInvalid, 'Cancelled'));
          return;
        }
        typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

/**
 * The new password for a CLI command: from `--password-stdin` (the first line of stdin), else
 * VETDESK_NEW_PASSWORD, else asked twice on a terminal without echo.
 * @throws AppError CONFIG_INVALID when none is available, the two entries differ, or the
 *   password breaks the policy (core/auth/password-policy.ts), with the policy's message.
 */
export async function readNewPassword(fromStdin: boolean, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  let password: string;
  if (fromStdin) {
    password = await readStdin();
  } else if (env[NEW_PASSWORD_ENV] !== undefined) {
    password = env[NEW_PASSWORD_ENV];
  } else if (process.stdin.isTTY) {
    password = await promptHidden('New password: ');
    if ((await promptHidden('Repeat it: ')) !== password) {
      throw new AppError(ErrorCode.ConfigInvalid, 'The two passwords differ');
    }
  } else {
    throw new AppError(
      ErrorCode.ConfigInvalid,
      `No password: run this on a terminal, or pass --password-stdin, or set ${NEW_PASSWORD_ENV}`,
    );
  }
  const problem = passwordProblem(password);
  if (problem !== undefined) throw new AppError(ErrorCode.ConfigInvalid, `Password refused: ${problem}`);
  return password;
}
