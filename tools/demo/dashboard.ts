/**
 * The node-red-dashboard configuration nodes a flow needs before any widget shows: the site
 * (ui_base, with the grid sizes the editor would write), its tabs (pages) and their groups. Used by
 * the demo flow and by the browser tests, so both look like a flow a user would build in the
 * editor. A flow has one ui_base.
 */

export type FlowNode = Record<string, unknown> & { id: string; type: string };

export interface GroupSpec {
    name: string;
    /** Width in grid units (one unit is 48 px plus a 6 px gap). */
    width: number;
}

export interface DashboardSite {
    nodes: FlowNode[];
    /** Group ids by "<tab key>.<group key>". */
    groups: Record<string, string>;
    /** Tab ids by key. */
    tabs: Record<string, string>;
}

const GRID = { sx: 48, sy: 48, gx: 6, gy: 6, cx: 6, cy: 6, px: 0, py: 0 };

/**
 * A dashboard site. `tabs` maps a key to a page's title, icon and groups (in page order);
 * `prefix` makes the node ids, which stay the same from one generation to the next.
 */
export function dashboardSite(options: {
    prefix: string;
    site: string;
    tabs: Record<string, { name: string; icon?: string; groups: Record<string, GroupSpec> }>;
}): DashboardSite {
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
    ];
    const groups: Record<string, string> = {};
    const tabs: Record<string, string> = {};
    let tabOrder = 1;
    for (const [tabKey, tab] of Object.entries(options.tabs)) {
        const tabId = `${p}-tab-${tabKey}`;
        tabs[tabKey] = tabId;
        nodes.push({
            id: tabId,
            type: "ui_tab",
            name: tab.name,
            icon: tab.icon ?? "dashboard",
            order: tabOrder++,
            disabled: false,
            hidden: false,
        });
        let order = 1;
        for (const [key, g] of Object.entries(tab.groups)) {
            const id = `${p}-group-${tabKey}-${key}`;
            groups[`${tabKey}.${key}`] = id;
            nodes.push({
                id,
                type: "ui_group",
                name: g.name,
                tab: tabId,
                order: order++,
                disp: true,
                width: String(g.width),
                collapse: false,
                disabled: false,
                hidden: false,
                className: "",
            });
        }
    }
    return { nodes, groups, tabs };
}

export interface Dashboard2Site {
    nodes: FlowNode[];
    /** Group ids by key. */
    groups: Record<string, string>;
    /** The page's address below the server root, e.g. "/dashboard/office". */
    url: string;
}

/**
 * A Dashboard 2 (@flowfuse/node-red-dashboard) site with one page: its ui-base at /dashboard, a
 * theme, the page and its groups (in page order), as the editor writes them. `prefix` makes the
 * node ids.
 */
export function dashboard2Site(options: {
    prefix: string;
    site: string;
    page: { name: string; path: string; groups: Record<string, GroupSpec> };
}): Dashboard2Site {
    const p = options.prefix;
    const base = `${p}-base2`;
    const theme = `${p}-theme2`;
    const page = `${p}-page2`;
    const nodes: FlowNode[] = [
        {
            id: base,
            type: "ui-base",
            name: options.site,
            path: "/dashboard",
            includeClientData: true,
            acceptsClientConfig: ["ui-notification", "ui-control"],
            showPathInSidebar: false,
            navigationStyle: "default",
        },
        {
            id: theme,
            type: "ui-theme",
            name: "Default",
            colors: {
                surface: "#ffffff",
                primary: "#0094ce",
                bgPage: "#eeeeee",
                groupBg: "#ffffff",
                groupOutline: "#cccccc",
            },
        },
        {
            id: page,
            type: "ui-page",
            name: options.page.name,
            ui: base,
            path: options.page.path,
            icon: "home",
            layout: "grid",
            theme,
            order: 1,
            className: "",
            visible: "true",
            disabled: "false",
        },
    ];
    const groups: Record<string, string> = {};
    let order = 1;
    for (const [key, g] of Object.entries(options.page.groups)) {
        const id = `${p}-group2-${key}`;
        groups[key] = id;
        nodes.push({
            id,
            type: "ui-group",
            name: g.name,
            page,
            width: String(g.width),
            height: "1",
            order: order++,
            showTitle: true,
            className: "",
            visible: "true",
            disabled: "false",
        });
    }
    return { nodes, groups, url: `/dashboard${options.page.path}` };
}
