/**
 * One exact-decimal, locale-formatting and calendar-formatting module for every runtime (engine,
 * render worker, CLI, renderer): see locales.ts for the supported locales and why no Intl.
 */
export * from './cell';
export * from './dates';
export * from './locales';
export * from './number';
