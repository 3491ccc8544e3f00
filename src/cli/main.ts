#!/usr/bin/env node
import type { CliIO } from "./io.js";
import { main } from "./run-cli.js";

const io: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  stdin: async () => {
    let text = "";
    for await (const chunk of process.stdin) text += chunk;
    return text;
  },
};
main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
