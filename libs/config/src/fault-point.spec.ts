import { faultPoint } from './fault-point';

describe(faultPoint.name, () => {
  const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  afterEach(() => {
    delete process.env['FAULT_EXIT_AT'];
    exit.mockClear();
  });
  afterAll(() => {
    exit.mockRestore();
    write.mockRestore();
  });

  it('does nothing unless FAULT_EXIT_AT names the point', () => {
    faultPoint('after-commit');
    process.env['FAULT_EXIT_AT'] = 'before-publish';
    faultPoint('after-commit');
    expect(exit).not.toHaveBeenCalled();
  });

  it('exits with 137 at a named point (one of a comma-separated list)', () => {
    process.env['FAULT_EXIT_AT'] = 'before-publish,after-commit';
    faultPoint('after-commit');
    expect(exit).toHaveBeenCalledWith(137);
  });
});
