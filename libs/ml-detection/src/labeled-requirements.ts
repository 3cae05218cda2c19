/**
 * Requirement texts as teams submit them to Agent Bus, each labeled by whether the project needs
 * ML compute (and so a GPU feasibility benchmark). Written for this product; the non-ML half
 * includes the traps: negations, "train staff", "model the database", "business model".
 */
export interface LabeledRequirement {
  readonly text: string;
  readonly ml: boolean;
}

const ml = (text: string): LabeledRequirement => ({ text, ml: true });
const plain = (text: string): LabeledRequirement => ({ text, ml: false });

export const LABELED_REQUIREMENTS: readonly LabeledRequirement[] = [
  ml('Train a YOLO detector on drone images to count cars in parking lots, with a web dashboard.'),
  ml(
    'Build a service that runs object detection on CCTV streams and raises alerts for forklifts entering walkways.',
  ),
  ml('We need semantic segmentation of satellite imagery to map flooded areas after storms.'),
  ml('Fine-tune an LLM on our support tickets so agents get suggested replies in the help desk.'),
  ml('A chatbot for the HR portal backed by a large language model that answers policy questions.'),
  ml('Classify chest X-rays as normal or pneumonia and show the heatmap to radiologists.'),
  ml(
    'Generate product photos from text descriptions with Stable Diffusion for our catalogue team.',
  ),
  ml('Semantic search over our contracts using sentence embeddings stored in a vector database.'),
  ml('Predict machine failures from vibration sensor data with a neural network trained nightly.'),
  ml('A mobile app that recognises plant species from photos using an image classification model.'),
  ml(
    'Speech-to-text for call recordings so managers can search conversations; transcripts in 20 languages.',
  ),
  ml(
    'Run molecular dynamics simulations of candidate compounds and rank them for the chemistry team.',
  ),
  ml('Serve our trained PyTorch models behind a low-latency inference endpoint with autoscaling.'),
  ml(
    'Detect defects on the assembly line from camera images and stop the conveyor when one is found.',
  ),
  ml(
    'Use LoRA to adapt an open-source model to legal drafting, then evaluate it against a held-out set.',
  ),
  ml(
    'A recommendation model for our online bookstore trained on purchase history, retrained weekly.',
  ),
  ml('Instance segmentation of cells in microscopy images to measure their growth over time.'),
  ml('Train a custom classifier that routes incoming emails to the right department.'),
  ml(
    'Build a pose estimation feature for the fitness app that counts squats from the phone camera.',
  ),
  ml('Translate user manuals with a fine-tuned transformer and keep a glossary of product terms.'),
  ml(
    'Computational fluid dynamics for wind turbine blade shapes, with results visualised in the browser.',
  ),
  ml('Deep learning model that forecasts electricity demand per substation every 15 minutes.'),
  ml('License plate recognition at the car park gate using a YOLOv8 model and OCR.'),
  ml(
    'A GPU-backed service that generates marketing copy with GPT-4 style text generation for campaigns.',
  ),
  ml(
    'Face recognition for building access with liveness checks; enrolment through the admin portal.',
  ),
  ml('Anomaly detection models on payment transactions to flag fraud in real time.'),
  ml(
    'We want an internal tool to train image segmentation networks on labelled drone footage of crops.',
  ),
  ml(
    'Protein folding predictions with AlphaFold for the lab, queued and tracked through a web UI.',
  ),
  ml(
    'Embed every support article with an embedding model and answer questions with retrieval-augmented generation.',
  ),
  ml('Real-time inference on edge cameras using TensorRT, with a cloud console to manage devices.'),
  ml('A writing assistant that fine-tunes Llama 3 on each customer’s documents.'),
  ml(
    'Monte Carlo simulations of portfolio risk on CUDA, with a report for the investment committee.',
  ),
  ml('Detect and blur faces and license plates in street-level photos before publishing them.'),
  ml('A tool that generates images of interior designs from room photos using a diffusion model.'),
  ml('Train a convolutional network to grade fruit quality from conveyor camera images.'),
  ml(
    'Machine learning pipeline to score leads from CRM data; the sales team sees the score in Salesforce.',
  ),
  ml('Bird species detection from audio and video in the nature reserve, results on a public map.'),
  ml(
    'A service that labels product images automatically with an image classification model and lets staff correct labels.',
  ),
  ml('Build an OCR model for handwritten delivery notes and feed the results into the ERP.'),
  ml('Segment tumours in MRI scans using a U-Net and let doctors review the masks.'),
  ml('Train a transformer on our log data to predict outages an hour ahead.'),
  ml('Text-to-speech voices for the navigation app, generated with our own trained model.'),
  ml(
    'Count people in retail stores from ceiling cameras with an object detection model; weekly footfall reports.',
  ),
  ml('A code review assistant powered by a large language model that comments on pull requests.'),
  plain('A bike rental web app: riders book bikes by the hour, pay by card, and get reminders.'),
  plain(
    'An internal portal to train staff on safety procedures, with quizzes and completion certificates.',
  ),
  plain(
    'Model the database for our clinic: patients, appointments, invoices and insurance claims.',
  ),
  plain(
    'A booking system for the community sports hall with recurring reservations and a waiting list.',
  ),
  plain('Explain our business model on a marketing site with pricing tiers and a signup flow.'),
  plain('No machine learning: a simple inventory tracker for the warehouse with barcode scanning.'),
  plain(
    'Build a REST API for the library catalogue; search is by title and author, without any AI.',
  ),
  plain('A timesheet app where employees log hours and managers approve them weekly.'),
  plain('Train new hires with an onboarding checklist and a mentor assignment workflow.'),
  plain(
    'A data model for the loyalty program: members, points, rewards and tiers, plus an admin UI.',
  ),
  plain('Migrate the invoicing system from PHP to TypeScript and keep the same PDF layouts.'),
  plain('An event ticketing platform with seat maps, QR code tickets and refunds.'),
  plain(
    'The restaurant needs online ordering, a kitchen display and SMS updates when food is ready.',
  ),
  plain(
    'We do not need any GPU or machine learning; just a CRUD app for tracking equipment loans.',
  ),
  plain('A train timetable app that shows departures, delays and platform changes for commuters.'),
  plain('Create a pricing model spreadsheet export for the sales team from the quotes database.'),
  plain('A school newsletter builder with templates, image uploads and email delivery.'),
  plain(
    'A parking permit portal: residents apply, pay, and print permits; wardens check plates on a phone.',
  ),
  plain('Dashboard of warehouse KPIs from our SQL database, refreshed hourly, with CSV export.'),
  plain('A volunteer scheduling app for the food bank with shift swaps and reminders.'),
  plain('Rather than training a model, use simple keyword rules to tag support tickets.'),
  plain('An e-commerce store for handmade furniture with Stripe payments and shipping labels.'),
  plain('A document approval workflow with e-signatures and an audit trail for compliance.'),
  plain('Build a chat app for the team with channels, threads and file sharing; no AI features.'),
  plain('A fleet maintenance tracker: vehicles, service intervals, parts and mechanics’ notes.'),
  plain('A survey tool where the model answers are stored as JSON and exported to Excel.'),
  plain('Project management board with Kanban columns, due dates and Slack notifications.'),
  plain('A recipe website with search by ingredient, ratings and a shopping list generator.'),
  plain(
    'Track training sessions for the football club: attendance, drills and player availability.',
  ),
  plain('An API gateway in front of our legacy services with rate limiting and API keys.'),
  plain('A clinic queue display that shows which patient is next, driven by the reception desk.'),
  plain('Customer support portal with ticket forms, knowledge base articles and SLA tracking.'),
  plain('Accounting integration that syncs invoices from our app to Xero every night.'),
  plain('A hotel housekeeping app: room status, cleaning assignments and lost-and-found log.'),
  plain(
    'Model the approval process for purchase orders as a state machine with email notifications.',
  ),
  plain('A course registration system for the university with prerequisites and waitlists.'),
  plain('Without any neural networks, compute shipping costs from weight and distance tables.'),
  plain('A static documentation site generated from Markdown with versioned releases.'),
  plain(
    'An IoT dashboard that shows temperature readings from greenhouse sensors and alerts on thresholds.',
  ),
  plain('A pet adoption website with listings, applications and shelter messaging.'),
  plain(
    'The gym wants a class booking app and a trainer schedule; personal trainers manage their own slots.',
  ),
  plain(
    'Role-based access control for the admin console, audited, with SSO through our identity provider.',
  ),
  plain(
    'Build an expense report app: photo of the receipt, category, amount, and manager approval.',
  ),
  plain('A city open-data portal publishing bus ridership CSVs with an API and charts.'),
];
