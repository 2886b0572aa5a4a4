/**
 * The node-red-dashboard configuration nodes a flow needs before any widget shows: the site
 * (ui_base, with the grid sizes the editor would write), one tab and its groups. Used by the demo
 * flow and by the browser tests, so both look like a flow a user would build in the editor.
 */

export type FlowNode = Record<string, unknown> & { id: string; type: string };

export interface DashboardPage {
    nodes: FlowNode[];
    /** Group ids by the key given in `groups`. */
    groups: Record<string, string>;
    tab: string;
}

export const GRID = { sx: 48, sy: 48, gx: 6, gy: 6, cx: 6, cy: 6, px: 0, py: 0 };

/**
 * A dashboard site with one tab. `groups` maps a key to a group's title and width (grid units);
 * `prefix` keeps node ids unique when several pages share a flow.
 */
export function dashboardPage(options: {
    prefix: string;
    site: string;
    tab: string;
    icon?: string;
    groups: Record<string, { name: string; width: number; order?: number }>;
}): DashboardPage {
    const p = options.prefix;
    const nodes: FlowNode[] = [
        {
            id: `${p}-base`,
            type: "ui_base",
            theme: { name: "theme-light" },
            site: {
                name: options.site,
                hideToolbar: "false",
                allowSwipe: "false",
                lockMenu: "false",
                allowTempTheme: "true",
                dateFormat: "DD/MM/YYYY",
                sizes: GRID,
            },
        },
        {
            id: `${p}-tab`,
            type: "ui_tab",
            name: options.tab,
            icon: options.icon ?? "dashboard",
            order: 1,
            disabled: false,
            hidden: false,
        },
    ];
    const groups: Record<string, string> = {};
    let order = 1;
    for (const [key, g] of Object.entries(options.groups)) {
        const id = `${p}-group-${key}`;
        groups[key] = id;
        nodes.push({
            id,
            type: "ui_group",
            name: g.name,
            tab: `${p}-tab`,
            order: g.order ?? order++,
            disp: true,
            width: String(g.width),
            collapse: false,
            disabled: false,
            hidden: false,
            className: "",
        });
    }
    return { nodes, groups, tab: `${p}-tab` };
}
