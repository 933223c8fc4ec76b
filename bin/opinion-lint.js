#!/usr/bin/env node
// The `opinion-lint` command: the bundled CLI built by `npm run build`.
require('../server/out/cli.js');
