// An ESLint rule that applies the layer table (layers.js) to every import a file makes:
// static and dynamic imports, re-exports, require() and worker URLs
// (new URL('./x.js', import.meta.url)).

import { relative } from 'node:path';
import { violation } from './layers.js';

/**
 * @typedef {{ type: string; value?: unknown; name?: string; object?: Node; property?: Node; meta?: Node }} Node
 */

/** @param {Node | null | undefined} node */
const stringOf = (node) => (node && node.type === 'Literal' && typeof node.value === 'string' ? node.value : null);

/** @param {Node | undefined} node */
const isImportMetaUrl = (node) => node?.type === 'MemberExpression' && node.object?.type === 'MetaProperty' && node.property?.name === 'url';

export const layersPlugin = {
  meta: { name: 'compliance-desk-layers' },
  rules: {
    'import-direction': {
      meta: {
        type: /** @type {const} */ ('problem'),
        docs: { description: 'imports follow the layer table of docs/architecture.md' },
        schema: [],
        messages: { forbidden: '{{why}}' },
      },
      /** @param {{ filename: string; cwd: string; report(d: { node: unknown; messageId: string; data: Record<string, string> }): void }} context */
      create(context) {
        const file = relative(context.cwd, context.filename).split('\\').join('/');
        /**
         * @param {unknown} node
         * @param {string | null} spec
         */
        const check = (node, spec) => {
          if (spec === null) return;
          const why = violation(file, spec);
          if (why) context.report({ node, messageId: 'forbidden', data: { why } });
        };
        return {
          /** @param {{ source: Node }} n */
          ImportDeclaration: (n) => check(n, stringOf(n.source)),
          /** @param {{ source: Node | null }} n */
          ExportNamedDeclaration: (n) => check(n, stringOf(n.source)),
          /** @param {{ source: Node }} n */
          ExportAllDeclaration: (n) => check(n, stringOf(n.source)),
          /** @param {{ source: Node }} n */
          ImportExpression: (n) => check(n, stringOf(n.source)),
          /** @param {{ callee: Node; arguments: Node[] }} n */
          CallExpression: (n) => {
            if (n.callee.type === 'Identifier' && n.callee.name === 'require') check(n, stringOf(n.arguments[0]));
          },
          /** @param {{ callee: Node; arguments: Node[] }} n */
          NewExpression: (n) => {
            if (n.callee.type === 'Identifier' && n.callee.name === 'URL' && isImportMetaUrl(n.arguments[1])) check(n, stringOf(n.arguments[0]));
          },
        };
      },
    },
  },
};
