/// <reference types="vite/client" />

interface ImportMetaEnv {
  /**
   * Where the console's actions are posted, without a trailing slash; fixed at build time. Default: the
   * console's own origin + ADMIN_API_PREFIX (the emulator, or a custom domain serving both). Set it to
   * the HTTP access service's address when the console is hosted on another domain, e.g.
   * `https://<env>.<region>.app.tcloudbase.com/admin-api`.
   */
  readonly VITE_ADMIN_API_BASE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
