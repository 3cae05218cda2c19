import { type z } from 'zod';

/** Rows of a read model checked against its contract schema: a drifted view fails loudly. */
export const parseRows = <S extends z.ZodType>(schema: S, rows: readonly unknown[]): z.infer<S>[] =>
  rows.map((row) => schema.parse(row));
