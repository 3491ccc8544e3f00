/** Kept apart from init.ts so that printing the usage does not load the brief parser. */
export const INIT_USAGE = `usage: archwright init "<brief>" [options]
       archwright init --from brief.txt [options]
       archwright init - [options]          (the brief on standard input)

  -o, --out FILE       where to write the draft (default archwright.yaml; - prints it instead)
  -f, --force          replace FILE if it exists
  --from FILE          read the brief from a file
  -q, --quiet          print nothing on success

  drafts archwright.yaml from a plain-English brief, offline: every item names the sentence it came
  from, and what the brief leaves open is listed as questions and assumptions at the top of the file
`;
