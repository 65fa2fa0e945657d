// Which handler answers which Web API method.
import type { Args, SlackAnswer } from './arguments.js';
import { conversationInfo, openConversation } from './conversations.js';
import { completeUpload, getUploadUrl } from './files.js';
import {
  addReaction,
  conversationHistory,
  conversationReplies,
  deleteMessage,
  getPermalink,
  postEphemeral,
  postMessage,
  removeReaction,
  updateMessage,
} from './messages.js';
import type { StandInState } from './state.js';
import { authTest, listUsers, lookupUserByEmail, teamInfo, userInfo } from './users.js';
import { openView, publishView, updateView } from './views.js';

type MethodHandler = (state: StandInState, args: Args) => SlackAnswer;

export const methodHandlers: Readonly<Record<string, MethodHandler>> = {
  'auth.test': authTest,
  'team.info': teamInfo,
  'chat.postMessage': postMessage,
  'chat.update': updateMessage,
  'chat.delete': deleteMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
  'conversations.history': conversationHistory,
  'conversations.replies': conversationReplies,
  'conversations.open': openConversation,
  'conversations.info': conversationInfo,
  'reactions.add': addReaction,
  'reactions.remove': removeReaction,
  'users.info': userInfo,
  'users.list': listUsers,
  'users.lookupByEmail': lookupUserByEmail,
  'views.open': openView,
  'views.push': openView,
  'views.update': updateView,
  'views.publish': publishView,
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
};
