import { type WorkloadType } from './workload';

/** A phrase pattern that is evidence of one ML workload, with how strong that evidence is. */
export interface SignalRule {
  readonly id: string;
  readonly workload: Exclude<WorkloadType, 'cpu_only'>;
  /** 0–1; strong, unambiguous phrases ≥ 0.7; words with everyday meanings stay low. */
  readonly weight: number;
  readonly pattern: RegExp;
}

// What a model is trained on or for: "train staff", "model the database", "data model", "business
// model" never match, because "train" and "model" only count next to ML nouns.
const ML_OBJECT =
  '(?:model|models|detector|classifier|network|neural net\\w*|cnn|transformer|llm|embeddings?|segmenter|gan)';
const rule = (
  id: string,
  workload: SignalRule['workload'],
  weight: number,
  source: string,
): SignalRule => ({ id, workload, weight, pattern: new RegExp(`\\b(?:${source})\\b`, 'gi') });

/** Every rule, strongest evidence first. */
export const SIGNAL_RULES: readonly SignalRule[] = [
  rule('yolo', 'cv_detection', 0.9, 'yolo(?:v\\d+)?|detectron2?|faster r-cnn|retinanet'),
  rule(
    'object-detection',
    'cv_detection',
    0.85,
    'object detection|detect(?:s|ing)? objects|bounding boxes',
  ),
  rule(
    'segmentation',
    'cv_segmentation',
    0.85,
    '(?:semantic|instance|image|panoptic) segmentation|segment anything|u-?net|mask r-cnn',
  ),
  rule(
    'image-classification',
    'cv_classification',
    0.8,
    'image classif\\w+|classif\\w+ (?:of )?(?:images|photos|x-rays|scans)|resnet\\d*|efficientnet|vision transformer|\\bvit\\b',
  ),
  rule(
    'image-generation',
    'cv_generation',
    0.9,
    'stable diffusion|diffusion models?|text-to-image|image generation|generat\\w+ images|gans?|generative adversarial',
  ),
  rule(
    'llm',
    'nlp_generation',
    0.8,
    'large language models?|llms?|gpt-?\\d|llama\\s?\\d*|mistral|text generation|generat\\w+ text',
  ),
  rule(
    'embeddings',
    'nlp_embedding',
    0.7,
    '(?:text|sentence|vector) embeddings|embedding models?|sentence-transformers|bert',
  ),
  rule('fine-tuning', 'fine_tuning', 0.9, 'fine-?tun\\w+|lora|qlora|peft'),
  rule(
    'train-model',
    'training',
    0.85,
    `train(?:s|ed|ing)? (?:a |an |the |our |its |custom |new |own )*(?:[\\w-]+ ){0,2}${ML_OBJECT}|${ML_OBJECT} training|training (?:data ?set|set|data|pipeline|loop|run|job)s?`,
  ),
  rule(
    'deep-learning',
    'training',
    0.8,
    'deep learning|neural networks?|convolutional|backpropagation|pytorch|tensorflow|keras|jax',
  ),
  rule('gpu', 'training', 0.75, 'gpus?|cuda|nvidia|tensorrt|a100|h100'),
  rule(
    'inference',
    'inference',
    0.6,
    '(?:model|ml|real-time|batch|gpu) inference|inference (?:server|endpoint|latency|service)|serv\\w+ (?:the |a )?(?:trained )?models?|onnx|triton',
  ),
  rule(
    'computer-vision',
    'cv_classification',
    0.7,
    'computer vision|image recognition|face recognition|ocr model|pose estimation',
  ),
  rule(
    'speech',
    'inference',
    0.7,
    'speech recognition|speech-to-text|text-to-speech|whisper model|asr model',
  ),
  rule(
    'scientific',
    'scientific_compute',
    0.75,
    'molecular dynamics|protein folding|alphafold|cfd simulations?|computational fluid dynamics|monte carlo simulations?|finite element|n-body|lattice qcd',
  ),
  rule(
    'machine-learning',
    'training',
    0.55,
    'machine learning|ml models?|ml pipeline|predictive models?|recommendation models?|anomaly detection models?',
  ),
  rule('ai-model', 'inference', 0.35, 'ai models?|ai-powered|artificial intelligence'),
  rule(
    'prediction',
    'training',
    0.25,
    'forecast\\w* (?:model|with)|predict\\w+ (?:churn|demand|failures)',
  ),
];
