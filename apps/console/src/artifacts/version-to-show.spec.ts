import { currentVersionsOf, versionToShow } from './version-to-show';

const aVersion = (stage: string, version: number) => ({ stage, version });

describe(versionToShow.name, () => {
  const list = {
    items: [aVersion('architecture', 2)],
    allVersions: [
      aVersion('architecture', 1),
      aVersion('architecture', 2),
      aVersion('security', 1),
      aVersion('security', 2),
    ],
  };

  it('shows the version asked for', () => {
    expect(versionToShow(list, 'architecture', 1)).toBe(1);
  });

  it("leaves the accepted version to the gateway's default", () => {
    expect(versionToShow(list, 'architecture', undefined)).toBeUndefined();
  });

  it("shows a stage's newest version while a restart left it none accepted", () => {
    expect(versionToShow(list, 'security', undefined)).toBe(2);
  });

  it('asks for the default of a stage without versions (the gateway says why there is none)', () => {
    expect(versionToShow(list, 'qa', undefined)).toBeUndefined();
  });
});

describe(currentVersionsOf.name, () => {
  const meta = (stage: string, version: number, acceptance: string) => ({
    stage,
    version,
    acceptance,
  });

  it("keeps each stage's accepted version, else its newest (a restart is redoing it)", () => {
    const all = [
      meta('architecture', 2, 'accepted'),
      meta('architecture', 3, 'not-accepted'), // a late attempt: not the current one
      meta('architecture', 1, 'superseded'),
      meta('security', 1, 'not-accepted'),
      meta('security', 2, 'not-accepted'),
    ];
    expect(currentVersionsOf(all)).toEqual([
      meta('architecture', 2, 'accepted'),
      meta('security', 2, 'not-accepted'),
    ]);
  });
});
