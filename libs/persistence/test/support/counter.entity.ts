import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A stand-in for a service's state: handlers under test increment a counter. */
@Entity()
export class Counter {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ type: 'integer' })
  value!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
