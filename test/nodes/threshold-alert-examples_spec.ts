/**
 * The example flows of the threshold-alert node: they import cleanly (valid wiring, a comment
 * first, settings the node accepts) and do what their comment says.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { AlertBook, handleInput, parseRules, type RuleConfig } from "../../nodes/lib/alert";

type FlowNode = Record<string, unknown> & { id: string; type: string; wires?: string[][] };

const examples = join(__dirname, "..", "..", "examples");

function flowOf(file: string): FlowNode[] {
    return JSON.parse(readFileSync(join(examples, file), "utf8")) as FlowNode[];
}

describe("threshold-alert examples", () => {
    for (const file of ["05 - Printer alerts by email.json", "06 - Alert on any number.json"]) {
        it(`${file}: opens with a comment, wires only to its own nodes, and has valid settings`, () => {
            const flow = flowOf(file);
            const first = flow[0];
            assert.equal(first?.type, "comment");
            assert.ok(
                typeof first.info === "string" && first.info.length > 50,
                "the comment explains the flow",
            );
            const ids = new Set(flow.map((n) => n.id));
            assert.equal(ids.size, flow.length, "ids are unique");
            for (const node of flow) {
                for (const target of (node.wires ?? []).flat())
                    assert.ok(ids.has(target), `${node.id} → ${target}`);
            }
            const alerts = flow.filter((n) => n.type === "threshold-alert");
            assert.equal(alerts.length, 1);
            const parsed = parseRules(alerts[0] as RuleConfig);
            assert.ok("rules" in parsed, JSON.stringify(parsed));
        });
    }

    it("05: the notifications leave as a ready email through a link out, with no e-mail node to go missing", () => {
        const flow = flowOf("05 - Printer alerts by email.json");
        assert.equal(
            flow.find((n) => n.type === "e-mail"),
            undefined,
            "no node of node-red-node-email: the example imports into any Node-RED",
        );
        const alert = flow.find((n) => n.type === "threshold-alert");
        const build = flow.find((n) => n.type === "function" && alert?.wires?.[0]?.includes(n.id));
        assert.ok(build, "a function gets the notifications");
        const link = flow.find((n) => n.type === "link out" && build.wires?.[0]?.includes(n.id));
        assert.equal(link?.name, "to email");
        // The function runs as Node-RED would run it, on a notification as threshold-alert sends it.
        const note = { topic: "Office 2F: black toner low (8 %)", payload: "Black toner low (8 %).\n..." };
        const sent: unknown = runInNewContext(`(function (msg) {\n${String(build.func)}\n})(msg)`, {
            msg: { ...note },
        });
        assert.deepEqual(sent, { ...note, to: "it@example.com" });
        const comments = flow
            .filter((n) => n.type === "comment")
            .map((n) => `${String(n.name)} ${String(n.info)}`);
        assert.ok(
            comments.every((c) => c.includes("node-red-node-email")),
            "both comments name the package to install",
        );
        const printer = flow.find((n) => n.type === "printer-supplies");
        assert.match(String(printer?.devices), /^127\.0\.0\.10\b/, "a loopback address, never a real host");
    });

    it("06: the buttons, pressed in order, give warning, critical, clear, then a silent reset", () => {
        const flow = flowOf("06 - Alert on any number.json");
        const alert = flow.find((n) => n.type === "threshold-alert");
        const parsed = parseRules(alert as RuleConfig);
        if (!("rules" in parsed)) assert.fail("invalid settings");
        const button = (name: string): Record<string, unknown> => {
            const inject = flow.find((n) => n.type === "inject" && n.name === name);
            assert.ok(inject, name);
            const props = inject.props as { p: string }[];
            const msg: Record<string, unknown> = { topic: inject.topic };
            if (props.some((p) => p.p === "payload")) msg.payload = Number(inject.payload);
            if (props.some((p) => p.p === "reset")) msg.reset = true;
            return msg;
        };
        const book = new AlertBook();
        const press = (name: string): string[] => {
            const out = handleInput(book, button(name), parsed.rules, Date.now());
            assert.ok(out.ok);
            return out.notifications.map((n) => n.topic);
        };
        assert.deepEqual(press("server room 24"), []);
        assert.deepEqual(press("server room 30"), ["server room high (30)"]);
        assert.deepEqual(press("server room 30"), []);
        assert.deepEqual(press("server room 37"), ["server room very high (37)"]);
        assert.deepEqual(press("server room 24"), ["server room ok again (24)"]);
        press("server room 37");
        assert.deepEqual(press("reset server room"), []);
        assert.deepEqual(Object.keys(book.state.keys), []);
    });
});
