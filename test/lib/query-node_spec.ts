/**
 * The query nodes' runner with a long device list in the message: every device's message carries
 * the trigger's other properties as its own copy, never the device list (cloning the list into
 * every message is O(devices²)), and the node's status moves by percent, not once per device.
 */
import assert from "node:assert/strict";
import { QueryRunner, type Msg, type NodeApi } from "../../nodes/lib/query-node";
import { SessionPool } from "../../nodes/lib/snmp/pool";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import type { NodeStatus } from "../../nodes/lib/status";

describe("query node runner", () => {
    it("sends every device its own copy of the trigger without the device list, and a status per percent", async () => {
        const settings = normalizeSettings({ timeout: 500, retries: 0 });
        const pool = new SessionPool(settings);
        const cloned: Msg[] = [];
        const statuses: NodeStatus[] = [];
        const api: NodeApi = {
            type: "printer-supplies",
            status: (s) => statuses.push(s),
            error: () => assert.fail("no device fails"),
            logError: (text) => assert.fail(text),
            warn: (text) => assert.fail(text),
            clone: (msg) => {
                cloned.push(msg);
                return structuredClone(msg);
            },
            t: (key) => key,
        };
        const runner = new QueryRunner<string>({
            api,
            config: { settings, pool, deadline: 5000 },
            devicesText: "",
            noun: ["printer", "printers"],
            // No traffic: the device's "reading" is its host, at once.
            poll: (device) => Promise.resolve(device.host),
            messages: (_device, outcome, base) => {
                base.payload = outcome.ok ? outcome.value : null;
                return [base, null];
            },
            summarize: () => ({ parts: [], attention: 0 }),
        });
        const devices = Array.from({ length: 1000 }, (_, i) => ({
            host: `127.0.${Math.floor(i / 250)}.${(i % 250) + 1}`,
            port: 16100,
        }));
        const trigger: Msg = { topic: "poll", site: { floor: 2, rooms: ["a", "b"] }, devices };
        const sent: Msg[] = [];
        try {
            await new Promise<void>((resolve, reject) => {
                runner.handle(
                    trigger,
                    (out) => sent.push(out[0] as Msg),
                    (err) => (err ? reject(err) : resolve()),
                );
            });
        } finally {
            await runner.close();
            pool.close();
        }
        assert.equal(sent.length, devices.length);
        assert.deepEqual(new Set(sent.map((m) => m.payload)).size, devices.length);
        for (const m of sent) {
            assert.equal("devices" in m, false, "no device list on a device's message");
            assert.equal(m.topic, "poll");
            assert.deepEqual(m.site, { floor: 2, rooms: ["a", "b"] });
        }
        (sent[0]?.site as { rooms: string[] }).rooms.push("c");
        assert.deepEqual(
            (sent[1]?.site as { rooms: string[] }).rooms,
            ["a", "b"],
            "each message is its own copy",
        );
        assert.deepEqual(trigger.site, { floor: 2, rooms: ["a", "b"] }, "and the trigger is untouched");
        assert.equal(
            cloned.filter((m) => "devices" in m).length,
            0,
            "the device list is never cloned (once per device it would be O(devices²))",
        );
        const progress = statuses.filter((s) => s.text?.startsWith("polling"));
        assert.equal(progress[0]?.text, "polling 0/1000");
        assert.equal(progress[progress.length - 1]?.text, "polling 1000/1000");
        assert.ok(progress.length <= 102, `${progress.length} progress statuses for 1,000 devices`);
        assert.deepEqual(statuses.filter((st) => st.fill !== undefined).pop(), {
            fill: "green",
            shape: "dot",
            text: "1000 printers",
        });
    });
});
