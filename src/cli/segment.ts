import { runCli } from './run'

// Entry point of `npm run segment` (tsx runs it: Node 20 cannot strip TypeScript types itself).
// Everything testable lives in run.ts; this file only binds it to the process.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
})
