import { type Kysely, sql } from 'kysely';

// Frozen in time: check_ins.question_answer goes. The rotating question is answered in the DM's
// thread, and those replies are kept in check_in_replies; nothing ever wrote the column.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('check_ins').dropColumn('question_answer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('check_ins').addColumn('question_answer', sql`text`).execute();
}
