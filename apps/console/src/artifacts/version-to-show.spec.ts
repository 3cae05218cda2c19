import { versionToShow } from './version-to-show';

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

  it('shows the accepted version by default', () => {
    expect(versionToShow(list, 'architecture', undefined)).toBe(2);
  });

  it("shows a stage's newest version while a restart left it none accepted", () => {
    expect(versionToShow(list, 'security', undefined)).toBe(2);
  });

  it('has nothing to show for a stage without versions', () => {
    expect(versionToShow(list, 'qa', undefined)).toBeUndefined();
  });
});
