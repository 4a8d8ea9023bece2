// What deciding a change yields, for every rule-keeper (the commands, bookings, the hub's own HTTP
// changes): the events to apply and record, and the answer once they are applied.
import type { Appointment, DomainEvent } from '@vikno/shared';

export interface Decision<R = unknown> {
  events: DomainEvent[];
  /** Computed after the events are applied. */
  result: () => R;
  /** New bookings, with the booker's phone number hashed (hub/src/appointments) when one was given. */
  appointments?: readonly (Appointment & { phoneHash?: string | null })[];
}
