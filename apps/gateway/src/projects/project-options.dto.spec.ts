import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ProjectOptionsDto } from './project-options.dto';

const errorsOf = async (body: object) => validate(plainToInstance(ProjectOptionsDto, body));

describe('ProjectOptionsDto gpu', () => {
  it.each(['auto', 'force', 'forbid'])('accepts gpu %s', async (gpu) => {
    expect(await errorsOf({ gpu })).toEqual([]);
  });

  it('accepts options without gpu (the detector decides)', async () => {
    expect(await errorsOf({})).toEqual([]);
  });

  it.each(['always', '', 'FORCE', 1, null])('refuses gpu %p naming the field', async (gpu) => {
    const [error, ...rest] = await errorsOf({ gpu });
    expect(rest).toEqual([]);
    expect(error?.property).toBe('gpu');
    expect(Object.values(error?.constraints ?? {})).toEqual(['must be one of auto, force, forbid']);
  });
});
