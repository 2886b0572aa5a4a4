// Node-RED looks for a node's icons in an `icons` folder beside the node's
// .js file, so the top-level icons/ are copied next to the compiled nodes.
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
const source = join(root, "icons");
const target = join(root, "nodes", "icons");

if (existsSync(source)) {
    mkdirSync(target, { recursive: true });
    cpSync(source, target, { recursive: true });
}
