import type { MenuItemConstructorOptions } from 'electron';

/** What the menu needs from the app. */
export interface MenuOptions {
  /** Development build: adds reload and developer tools to View. */
  development: boolean;
  /** Shows the about box. */
  showAbout: () => void;
}

/**
 * The application menu: File (quit), Edit (standard roles, so copy and paste work in forms),
 * View (zoom, full screen; reload and developer tools only in development, because a reload
 * mid-form loses what staff typed), Help (about).
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const developmentItems: MenuItemConstructorOptions[] = options.development
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return [
    { label: 'File', submenu: [{ role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...developmentItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Help', submenu: [{ label: 'About VetDesk', click: options.showAbout }] },
  ];
}
