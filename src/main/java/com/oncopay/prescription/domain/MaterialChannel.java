package com.oncopay.prescription.domain;

/**
 * How a material of the application reached the insurer: uploaded in the app (seed 004 附件一: 「APP申请服务时提供」),
 * by post, handed in on paper, through the pharmacy, or sent by the hospital.
 */
public enum MaterialChannel {
    ONLINE,
    POST,
    PAPER,
    PHARMACY,
    HOSPITAL
}
