// Copies each file announced by `<!-- example: path -->` into the code block that follows it in README.md.
// test/unit/readme.test.ts fails when they differ; run `npm run readme:sync` after editing an example.
import { readFileSync, writeFileSync } from "node:fs";

const readme = readFileSync("README.md", "utf8");
const synced = readme.replace(
  /(<!-- example: (\S+) -->\s*```\w*\n)[\s\S]*?```/g,
  (_match, head, path) => `${head}${readFileSync(path, "utf8")}\`\`\``,
);
if (synced !== readme) writeFileSync("README.md", synced);
