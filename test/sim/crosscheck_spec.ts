/**
 * A second, independent client: Debian's snmpbulkwalk (Net-SNMP's C tools) reads every fixture
 * and must see exactly the recorded objects and values. Skipped when the tool is not installed.
 */
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { Tag } from "../../tools/sim/ber";
import { loadDevices, startSimulator, type Simulator } from "../../tools/sim/index";
import { parseSnmprec, type SimRecord } from "../../tools/sim/snmprec";
import { FIXTURES, records } from "./helpers";

const run = promisify(execFile);

function haveSnmpbulkwalk(): boolean {
    try {
        execFileSync("snmpbulkwalk", ["-V"], { stdio: "ignore" });
        return true;
    } catch {
        return false;
    }
}

/** `snmpbulkwalk -On -Oq -Ox -Ot` output: one object per line; long hex strings wrap. */
function parseWalk(text: string): Array<{ oid: string; value: string }> {
    const out: Array<{ oid: string; value: string }> = [];
    for (const line of text.split("\n")) {
        if (line.startsWith(".")) {
            const space = line.indexOf(" ");
            const value = line.slice(space + 1);
            // The endOfMibView that ends the walk, printed under the last name.
            if (value.startsWith("No more variables left")) continue;
            out.push({ oid: line.slice(1, space), value });
        } else if (out.length > 0 && line.trim() !== "") {
            out[out.length - 1]!.value += ` ${line}`;
        }
    }
    return out;
}

/** How snmpbulkwalk prints a recorded value with those options. */
function expectedText(r: SimRecord): string {
    const v = r.value;
    switch (v.type) {
        case Tag.OctetString:
        case Tag.Opaque: {
            const bytes = [...v.value].map((b) => b.toString(16).toUpperCase().padStart(2, "0"));
            return v.type === Tag.Opaque ? bytes.join(" ") : `"${bytes.map((b) => `${b} `).join("")}"`;
        }
        case Tag.IpAddress:
            return [...v.value].join(".");
        case Tag.Oid:
            return `.${v.value.join(".")}`;
        case Tag.Null:
            return "";
        default:
            return String(v.value);
    }
}

function normalise(s: string): string {
    return s.replace(/\s+/g, " ").trim();
}

describe("simulator: cross-check with Net-SNMP's snmpbulkwalk", function () {
    let sim: Simulator;
    const edge = [
        "1.3.6.1.2.1.1.1.0|4|",
        "1.3.6.1.2.1.1.2.0|6|2.594390768.4294967295",
        "1.3.6.1.2.1.1.3.0|67|4294967295",
        "1.3.6.1.2.1.1.7.0|2|-2147483648",
        "1.3.6.1.4.1.99999.1.0|70|18446744073709551615",
        "1.3.6.1.4.1.99999.2.0|65|4294967295",
        "1.3.6.1.4.1.99999.3.4294967295|4x|00ff",
    ].join("\n");

    before(async function () {
        if (!haveSnmpbulkwalk()) {
            console.log("      (skipped: snmpbulkwalk is not installed; apt-get install snmp)");
            this.skip();
        }
        sim = await startSimulator({
            devices: [
                ...loadDevices([FIXTURES], { dynamics: false }),
                { name: "edge", records: edge, dynamics: false },
            ],
            clock: () => 0,
        });
    });

    after(async function () {
        await sim?.stop();
    });

    async function walk(community: string, version = "2c"): Promise<Array<{ oid: string; value: string }>> {
        const { stdout } = await run(
            "snmpbulkwalk",
            [
                `-v${version}`,
                "-c",
                community,
                "-m",
                "",
                "-On",
                "-Oq",
                "-Ox",
                "-Ot",
                "-t",
                "2",
                "-r",
                "1",
                `127.0.0.1:${sim.port}`,
                ".1",
            ],
            { env: { ...process.env, MIBS: "", MIBDIRS: "/nonexistent" } },
        );
        return parseWalk(stdout);
    }

    function compare(name: string, got: Array<{ oid: string; value: string }>, expected: SimRecord[]): void {
        assert.equal(got.length, expected.length, `${name}: object count`);
        got.forEach((g, i) => {
            const r = expected[i]!;
            assert.equal(g.oid, r.oid.join("."), `${name}: OID #${i}`);
            assert.equal(normalise(g.value), normalise(expectedText(r)), `${name}: value of ${g.oid}`);
        });
    }

    for (const name of [
        "colour-laser",
        "mono-quirks",
        "inkjet",
        "unifi-ap",
        "mikrotik-router",
        "cisco-wlc",
    ]) {
        it(`reads ${name} exactly as recorded`, async function () {
            const dir =
                name.includes("-ap") || name.includes("router") || name.includes("wlc")
                    ? "wireless"
                    : "printers";
            compare(name, await walk(name), records(`${FIXTURES}/${dir}/${name}.snmprec`));
        });
    }

    it("reads edge values (2.x OIDs, 32-bit and 64-bit maxima, empty strings) exactly", async function () {
        compare("edge", await walk("edge"), parseSnmprec(edge).records);
    });
});
