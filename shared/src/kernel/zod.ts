/**
 * The one place zod is configured. The mini-program runtime forbids `new Function`, so zod must run
 * `jitless` before any schema is defined. Every module imports zod through here, never directly (a lint
 * rule enforces it): `import * as z from '../kernel/zod'`. Re-exporting zod's named exports, rather than
 * its `z` namespace object, lets the bundler drop what is unused (the locales alone are 270 KB).
 */
import { config } from 'zod';

config({ jitless: true });

export * from 'zod';
