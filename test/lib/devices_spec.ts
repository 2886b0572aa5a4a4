import assert from "node:assert/strict";
import { deviceKey, devicesFromMessage, displayName, parseDeviceList } from "../../nodes/lib/devices";

describe("device lists", () => {
    it("reads one device per line with optional port and display name", () => {
        const list = parseDeviceList(
            "10.0.0.5\nprinter-2f.office.lan:1161 Office 2F\n\n# a comment\n[fd00::7]:161  Lab printer  # left of the hash\nfe80::1",
        );
        assert.deepEqual(list.errors, []);
        assert.deepEqual(list.devices, [
            { host: "10.0.0.5" },
            { host: "printer-2f.office.lan", port: 1161, name: "Office 2F" },
            { host: "fd00::7", port: 161, name: "Lab printer" },
            { host: "fe80::1" },
        ]);
    });

    it("names the line of every entry it cannot use and keeps the good ones", () => {
        const list = parseDeviceList("good.example\nbad!host:12\n10.0.0.9:70000\n[::1\nok:161");
        assert.deepEqual(
            list.devices.map((d) => d.host),
            ["good.example", "ok"],
        );
        assert.equal(list.errors.length, 3);
        assert.match(list.errors[0] ?? "", /^line 2:/);
        assert.match(list.errors[1] ?? "", /^line 3: invalid port/);
        assert.match(list.errors[2] ?? "", /^line 4:/);
    });

    it("takes msg.devices as strings or objects, and msg.host", () => {
        const fromArray = devicesFromMessage({
            devices: [
                "10.0.0.1:1161 Front desk",
                { host: "10.0.0.2", port: 162, name: "Back" },
                { host: "" },
                42,
            ],
        });
        assert.deepEqual(fromArray?.devices, [
            { host: "10.0.0.1", port: 1161, name: "Front desk" },
            { host: "10.0.0.2", port: 162, name: "Back" },
        ]);
        assert.equal(fromArray?.errors.length, 2);
        assert.deepEqual(devicesFromMessage({ host: "printer:2000" })?.devices, [
            { host: "printer", port: 2000 },
        ]);
        assert.equal(devicesFromMessage({ payload: 1 } as never), undefined);
    });

    it("keys devices by host and effective port, and names them given name > sysName > host", () => {
        assert.equal(deviceKey({ host: "Printer" }, 161), "printer:161");
        assert.equal(deviceKey({ host: "fd00::1", port: 1161 }, 161), "[fd00::1]:1161");
        assert.equal(displayName({ host: "10.0.0.5", name: "Office" }, "NPI12345"), "Office");
        assert.equal(displayName({ host: "10.0.0.5" }, "NPI12345"), "NPI12345");
        assert.equal(displayName({ host: "10.0.0.5" }, "  "), "10.0.0.5");
    });
});
