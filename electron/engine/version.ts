/**
 * The engine version: part of what makes a rendered file reproducible (same model, template
 * version and engine version → same bytes). Bump it when rendering output changes.
 */
export const ENGINE_VERSION = '1.0.0';
