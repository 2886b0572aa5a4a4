import assert from "node:assert/strict";
import type { ClientStates } from "../../nodes/lib/ap/events";
import { KNOWN_CLIENTS_VERSION, readKnownClients, saveKnownClients } from "../../nodes/lib/ap/known";

function clients(...macs: string[]): ClientStates {
    return new Map(
        macs.map((mac, i) => [mac, { apId: `ap${i}`, ap: `AP ${i}`, ssid: "Office", signal: -50 - i }]),
    );
}

describe("ap-clients known clients as stored state", () => {
    it("reads back what it saved, device by device in the same order", () => {
        const devices: [string, ClientStates][] = [
            ["10.0.0.2:161", clients("aa:00:00:00:00:01", "aa:00:00:00:00:02")],
            ["10.0.0.3:1161", new Map([["bb:00:00:00:00:01", { name: "Ana's phone" }]])],
        ];
        const saved = saveKnownClients(devices);
        assert.equal(saved.version, KNOWN_CLIENTS_VERSION);
        assert.deepEqual(saved.devices[1], {
            device: "10.0.0.3:1161",
            clients: [{ mac: "bb:00:00:00:00:01", name: "Ana's phone" }],
        });
        const read = readKnownClients(JSON.parse(JSON.stringify(saved)));
        assert.ok(read.ok);
        assert.equal(read.dropped, 0);
        assert.deepEqual(read.devices, devices);
    });

    it("saves at most the cap, keeping the devices polled most recently whole", () => {
        const devices: [string, ClientStates][] = [
            ["old:161", clients("a1", "a2", "a3")],
            ["mid:161", clients("b1", "b2")],
            ["new:161", clients("c1", "c2")],
        ];
        assert.deepEqual(
            saveKnownClients(devices, 5).devices.map((d) => d.device),
            ["mid:161", "new:161"],
        );
        assert.deepEqual(saveKnownClients(devices, 1).devices, []);
    });

    it("drops damaged entries, counts them, and refuses another version", () => {
        const read = readKnownClients({
            version: 1,
            devices: [
                { device: "10.0.0.2:161", clients: [{ mac: "__proto__", ap: "Hall" }, { ap: "no mac" }, 7] },
                { clients: [] },
                "junk",
            ],
        });
        assert.ok(read.ok);
        assert.equal(read.dropped, 4);
        assert.deepEqual(read.devices, [["10.0.0.2:161", new Map([["__proto__", { ap: "Hall" }]])]]);
        assert.deepEqual(readKnownClients({ version: 2, devices: [] }), {
            ok: false,
            why: "unknown version 2",
        });
        assert.equal(readKnownClients("x").ok, false);
    });
});
