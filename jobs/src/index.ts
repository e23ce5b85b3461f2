export * from './queues.ts';
export { handlers, HEARTBEAT_TTL_SECONDS, type HandlerContext, type Handlers } from './handlers.ts';
export { pruneOldRows, PRUNE_BATCH, type PruneResult, type RetentionPolicy } from './retention.ts';
export { startWorkers, type RunningWorkers, type WorkerOptions } from './worker.ts';
export { producerConnection, workerConnection } from './connection.ts';
export { expireWaitlistOffers, type OffersExpired } from './appointments/offers.ts';
export { deliverToPerson, inAppDelivery, type AppointmentNoticeKind, type NotificationDelivery } from './appointments/delivery.ts';
export { reminderJobId, sendReminder, syncReminders, syncUpcomingReminders, type ReminderSync } from './appointments/reminders.ts';
export { sweepNoShows, SWEEP_BATCH, type SweepResult } from './appointments/sweeper.ts';
