import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/services/csp';
import { resolveRendererFile } from '../../../electron/services/staticFiles';

describe('serving the renderer', () => {
  it('maps paths inside the renderer folder', () => {
    expect(resolveRendererFile('/app/renderer', '/')).toBe('/app/renderer/index.html');
    expect(resolveRendererFile('/app/renderer', '/assets/index-1.js')).toBe('/app/renderer/assets/index-1.js');
  });
  it.each(['/../package.json', '/assets/../../secret', '/%2e%2e/%2e%2e/etc/passwd', '/a%00b', '/%E0%A4%A', '/..\\x'])(
    'refuses %s, which would leave the folder',
    (p) => expect(resolveRendererFile('/app/renderer', p)).toBeNull(),
  );
});

describe('content security policy', () => {
  it('allows no inline script, no remote content and, in Electron, no network at all', () => {
    const csp = contentSecurityPolicy('electron');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("connect-src 'none'");
    expect(contentSecurityPolicy('test-host')).toContain("connect-src 'self'");
  });
});
