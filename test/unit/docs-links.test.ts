// The documentation holds together: every relative link of README.md, CONTRIBUTING.md and docs/**/*.md names a file
// that exists (and, with a #fragment, a heading or anchor of that file, as GitHub renders it), and the README stays
// the short map issue 16 asked for.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** At most 16 KB (issue 16), counted in thousands so it holds whichever way "KB" is read. */
const README_MAX_BYTES = 16_000;

function markdownFiles(): string[] {
  const found = ['README.md', 'CONTRIBUTING.md'];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) found.push(path);
    }
  };
  walk('docs');
  return found;
}

/** The text outside fenced code blocks and inline code spans, where links and headings are read. */
function prose(markdown: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opening = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (opening?.startsWith(fence)) fence = undefined;
      lines.push('');
    } else if (opening) {
      fence = opening;
      lines.push('');
    } else {
      lines.push(line);
    }
  }
  return lines;
}

const withoutCodeSpans = (line: string): string => line.replace(/(`+)[^`]*?\1/g, '');

/** Link targets: inline links and images `[text](target "title")`, and reference definitions `[ref]: target`. */
function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const raw of prose(markdown)) {
    const line = withoutCodeSpans(raw);
    for (const match of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(match[1] ?? '');
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(line);
    if (definition?.[1]) targets.push(definition[1]);
  }
  return targets;
}

/** A heading's anchor as GitHub makes it: the rendered text, lower-cased, punctuation dropped, spaces to hyphens. */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\*/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a page offers: its headings (a repeated one gets -1, -2…) and explicit `<a id|name="…">`. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(markdown)) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading !== undefined) {
      const slug = githubSlug(heading);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    for (const match of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(match[1] ?? '');
  }
  return anchors;
}

/** The links of `files` (path → content) that name no file, or no anchor of the file they name. */
function brokenLinks(files: ReadonlyMap<string, string>, exists: (path: string) => boolean): string[] {
  const broken: string[] = [];
  for (const [file, markdown] of files) {
    for (const target of linkTargets(markdown)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not a file of this repository
      const [pathPart = '', fragment] = target.split('#', 2);
      const path = pathPart ? normalize(join(dirname(file), decodeURIComponent(pathPart))) : file;
      if (!exists(path)) {
        broken.push(`${file}: ${target} (no file ${path})`);
        continue;
      }
      if (fragment === undefined) continue;
      const content = files.get(path) ?? (path.endsWith('.md') ? readFileSync(path, 'utf8') : undefined);
      if (content === undefined || !anchorsOf(content).has(decodeURIComponent(fragment))) {
        broken.push(`${file}: ${target} (no heading #${fragment} in ${path})`);
      }
    }
  }
  return broken;
}

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

describe('documentation links', () => {
  it('every relative link of README.md, CONTRIBUTING.md and docs/ names an existing file and heading', () => {
    const files = new Map(markdownFiles().map((path) => [path, readFileSync(path, 'utf8')]));
    expect(files.size).toBeGreaterThan(20);
    const links = [...files.values()].flatMap(linkTargets).filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
    expect(links.length).toBeGreaterThan(100);
    expect(brokenLinks(files, isFile)).toEqual([]);
  });

  it('links every docs page from the README or from docs/README.md', () => {
    const index = new Set<string>();
    for (const from of ['README.md', join('docs', 'README.md')]) {
      for (const target of linkTargets(readFileSync(from, 'utf8'))) {
        const path = target.split('#', 1)[0];
        if (path && !/^[a-z][a-z0-9+.-]*:/i.test(path)) index.add(normalize(join(dirname(from), path)));
      }
    }
    const pages = markdownFiles().filter((path) => path.startsWith('docs/') && path !== join('docs', 'README.md'));
    expect(pages.filter((page) => !index.has(page)).map((page) => relative('.', page))).toEqual([]);
  });

  it('reports a missing file, a missing heading and a link to a directory, and ignores code and absolute URLs', () => {
    const files = new Map([
      [
        'docs/a.md',
        [
          '# A page',
          '## Tokens and isolation',
          'See [b](b.md), [the tokens](#tokens-and-isolation), [gone](missing.md), [no such](b.md#nowhere),',
          '[a folder](guide) and [the web](https://example.org/x.md). `[not a link](nowhere.md)`',
          '```',
          '[in a code block](nowhere.md)',
          '```',
          '[ref]: c.md#top',
        ].join('\n'),
      ],
      ['docs/b.md', '# B'],
    ]);
    const exists = (path: string) => files.has(path);
    expect(brokenLinks(files, exists)).toEqual([
      'docs/a.md: missing.md (no file docs/missing.md)',
      'docs/a.md: b.md#nowhere (no heading #nowhere in docs/b.md)',
      'docs/a.md: guide (no file docs/guide)',
      'docs/a.md: c.md#top (no file docs/c.md)',
    ]);
  });

  it('makes the anchors GitHub makes', () => {
    // The old README linked to these anchors on GitHub; the headings are unchanged.
    expect(githubSlug("Walkthrough: a person's account (no organisation yet, profile, sessions, passwords, MFA, leaving, deleting)")).toBe(
      'walkthrough-a-persons-account-no-organisation-yet-profile-sessions-passwords-mfa-leaving-deleting',
    );
    expect(githubSlug('Roles, permissions and the platform super-admin')).toBe('roles-permissions-and-the-platform-super-admin');
    expect(githubSlug('What `npm start` prints')).toBe('what-npm-start-prints');
    expect(githubSlug('Retrying a creating POST safely: Idempotency-Key')).toBe('retrying-a-creating-post-safely-idempotency-key');
    expect([...anchorsOf('## Tests\n## Tests\n```\n## Not a heading\n```\n<a id="kept"></a>')]).toEqual(['tests', 'tests-1', 'kept']);
  });

  it(`keeps README.md at most ${README_MAX_BYTES} bytes`, () => {
    expect(statSync('README.md').size).toBeLessThanOrEqual(README_MAX_BYTES);
  });
});
