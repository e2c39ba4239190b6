// Constants that @electron-forge/plugin-vite defines in the main bundle (vite `define`).
// Absent outside a forge build: read them behind `typeof` only.

declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string | undefined;
