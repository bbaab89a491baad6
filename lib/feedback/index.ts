// Feedback: topics, requests and their threads, for fans (scoped by customer) and staff (scoped by program).
export { topicTitle, listTopics, createTopic, updateTopic, topicInput, topicPatch, type TopicInput } from "./topics";
export {
  openRequest,
  listMyRequests,
  listFeedbackPartners,
  getMyRequest,
  replyAsCustomer,
  listRequests,
  getRequest,
  assignRequest,
  replyAsStaff,
  closeRequest,
  reopenRequest,
  openRequestInput,
  MAX_BODY,
  type StaffRequestFilter,
} from "./requests";
