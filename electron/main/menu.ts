/** The native menu: the usual roles, plus screen shortcuts handled by the renderer. */
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { isAllowedExternal } from './security';

export function buildMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const help = 'https://www.electronjs.org/docs/latest';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'Electron documentation',
          click: () => {
            if (isAllowedExternal(help)) void shell.openExternal(help);
          },
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
