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
