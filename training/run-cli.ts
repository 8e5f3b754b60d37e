/**
 * Runs a command's `main`, or prints its usage for `--help`. A failure prints "<name>: <message>" on
 * stderr and exits with status 1, without a stack trace: the messages are written for the person typing.
 */
export async function runCli(options: {
  readonly name: string;
  readonly help: string;
  readonly showHelp: boolean | undefined;
  readonly main: () => Promise<void>;
}): Promise<void> {
  if (options.showHelp) {
    process.stdout.write(options.help);
    return;
  }
  try {
    await options.main();
  } catch (error) {
    process.stderr.write(`${options.name}: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
