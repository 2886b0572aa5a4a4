/**
 * Count this process's open UDP sockets as the kernel sees them (Linux: /proc), independent of
 * any bookkeeping of our own. Returns undefined where /proc is not available.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

function udpInodes(): Set<string> {
    const inodes = new Set<string>();
    for (const table of ["/proc/net/udp", "/proc/net/udp6"]) {
        let text: string;
        try {
            text = readFileSync(table, "utf8");
        } catch {
            continue;
        }
        for (const line of text.split("\n").slice(1)) {
            const cols = line.trim().split(/\s+/);
            if (cols[9]) inodes.add(cols[9]);
        }
    }
    return inodes;
}

export function udpSocketCount(): number | undefined {
    let fds: string[];
    try {
        fds = readdirSync("/proc/self/fd");
    } catch {
        return undefined;
    }
    const udp = udpInodes();
    let count = 0;
    for (const fd of fds) {
        let target: string;
        try {
            target = readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
            continue;
        }
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode !== undefined && udp.has(inode)) count++;
    }
    return count;
}
