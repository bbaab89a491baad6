// Skeleton while this cabinet page loads.
export { PageSkeleton as default } from "@/components/cabinet/page-skeleton";
