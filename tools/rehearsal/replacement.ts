/**
 * The replacement the rehearsal shows: the Message of one invitation (./replacement-target.ts
 * says which) is changed, the Update replaces it, the stack's invitations that refer to it follow,
 * and the replaced ones are deleted in UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, last first.
 */
import type { EventDelivery } from './event-delivery';
import { failed } from './event-delivery';
import { deliveredProperties } from './properties';
import type { PersonalData } from './redaction';
import { replacementTarget } from './replacement-target';
import { updateReplacePolicyKeeps } from './retain';
import type { Played, StackRun } from './stack-run';
import { FIELD_RULES } from '../../src/api-constraints';

/** What the rehearsal appends to the replaced invitation's message to show a replacement. */
export const MESSAGE_CHANGE = ' (rehearsal: message changed)';

/** What showing the replacement needs from the rehearsal. */
export interface ReplacementContext {
  /** Sends and records the events. */
  readonly delivery: EventDelivery;
  /** The personal data to redact (the changed message joins it). */
  readonly personal: PersonalData;
  /** An invitation's status in the emulator. */
  readonly statusOf: (id: string) => string | undefined;
  /** Where the note goes when no invitation qualifies. */
  readonly updateNotes: string[];
  /** Where a failed cleanup's warning goes. */
  readonly warnings: string[];
}

/**
 * Updates the invitation `replacementTarget` chooses with a changed message, or notes that none
 * qualifies. A new physical id means replacement: the stack's invitations that refer to it are
 * updated too, then the old ones deleted.
 *
 * @param runs every stack played, in deployment order
 * @param ctx the event delivery, the personal data and where notes and warnings go
 */
export async function showReplacement(runs: readonly StackRun[], ctx: ReplacementContext): Promise<void> {
  const choice = replacementTarget(runs);
  if ('note' in choice) {
    ctx.updateNotes.push(choice.note);
    return;
  }
  const { run, target } = choice;
  const message = target.props.Message as string;
  const changed = message.slice(0, FIELD_RULES.Message.maxLength - MESSAGE_CHANGE.length) + MESSAGE_CHANGE;
  ctx.personal.add(changed);
  const replaced: Array<{ p: Played; oldId: string; oldProps: Record<string, unknown> }> = [];

  const update = async (p: Played, props: Record<string, unknown>, note: string) => {
    const oldId = p.state.physicalId;
    const oldProps = p.props;
    const outcome = await ctx.delivery.deliver(run, p, 'update',
      (driver) => driver.updateEvent(p.logicalId, oldId, props as Record<string, string>, oldProps as Record<string, string>),
      {
        note,
        // CloudFormation takes over the new state as soon as the Update succeeds.
        adopt: ({ physicalId, data }) => {
          p.props = props;
          p.state = { physicalId, attributes: { ...data } };
          run.states.set(p.logicalId, p.state);
          ctx.personal.collect(props);
          ctx.personal.collect(p.state.attributes);
        },
      });
    if (outcome.failure !== undefined) throw failed(run, p, 'Update', outcome.failure);
    if (outcome.physicalId !== oldId) replaced.push({ p, oldId, oldProps });
  };

  await update(target, { ...target.props, Message: changed }, 'Message changed');
  for (const p of run.played.filter((q) => q !== target)) {
    const props = deliveredProperties(run, p.logicalId, p.element);
    if (JSON.stringify(props) !== JSON.stringify(p.props)) await update(p, props, `its properties refer to ${target.logicalId}`);
  }

  // UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: the replaced invitations are deleted, last first.
  for (const { p, oldId, oldProps } of replaced.reverse()) {
    if (updateReplacePolicyKeeps(p.resource.UpdateReplacePolicy)) {
      ctx.delivery.record(run, p, 'cleanup', 'Retain', oldId, undefined, 'SKIPPED', {
        note: 'UpdateReplacePolicy: Retain keeps the replaced invitation',
        invitationStatus: ctx.statusOf(oldId),
      });
      continue;
    }
    const { failure } = await ctx.delivery.deliver(run, p, 'cleanup',
      (driver) => driver.deleteEvent(p.logicalId, oldId, oldProps as Record<string, string>),
      { note: 'cleanup of the replaced invitation' });
    if (failure !== undefined) {
      // CloudFormation only warns about a failed cleanup; the stack update stays complete.
      ctx.warnings.push(`${run.stack.displayName}/${p.element}: the cleanup Delete of ${oldId} FAILED (${failure}); CloudFormation would leave it behind`);
    }
  }
}
